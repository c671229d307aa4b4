/** A button that copies `text` to the clipboard and says so for two seconds. */
import { useState } from 'preact/hooks';

export function CopyButton({ text, label, hook }: { text: string; label: string; hook?: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      data-dyad={hook}
      onClick={() =>
        void navigator.clipboard.writeText(text).then(
          () => {
            setDone(true);
            setTimeout(() => setDone(false), 2000);
          },
          () => setDone(false),
        )
      }
    >
      {done ? 'Copied' : label}
    </button>
  );
}
