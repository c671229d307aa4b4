/** The pieces every dashboard form is made of: a labelled field with its error, the form's error line, a section. */
import type { ComponentChildren } from 'preact';

/** A label, the control, a hint, and the error for this field (from the form's check or the API). */
export function Field({
  label,
  error,
  hint,
  children,
  wide = false,
}: {
  label: string;
  error?: string | undefined;
  hint?: ComponentChildren;
  children: ComponentChildren;
  wide?: boolean;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the field's children, wrapped by the label
    <label class={`field${wide ? ' wide' : ''}${error ? ' invalid' : ''}`}>
      <span class="label">{label}</span>
      {children}
      {hint && !error && <span class="hint">{hint}</span>}
      {error && (
        <span class="field-error" data-dyad="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

/** The form-level error: what no single field explains (e.g. the network). */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p class="form-error" data-dyad="form-error" role="alert">
      {message}
    </p>
  );
}

/** A titled block of a screen, with actions (e.g. CSV links) on the right of its title. */
export function Section({
  title,
  actions,
  children,
  hook,
  class: className = '',
}: {
  title: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
  hook?: string;
  class?: string;
}) {
  return (
    <section class={`card ${className}`} data-dyad={hook}>
      <div class="card-head">
        <h2>{title}</h2>
        {actions && <div class="actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** Loading and error lines for something loaded from the API. */
export function LoadState({ loading, error, empty }: { loading: boolean; error: string | null; empty?: boolean }) {
  if (error)
    return (
      <p class="error" role="alert">
        Could not load: {error}
      </p>
    );
  if (loading && empty) return <p class="muted">Loading…</p>;
  return null;
}
