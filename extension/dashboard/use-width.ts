import { useLayoutEffect, useRef, useState } from 'preact/hooks';

/**
 * The width of an element, kept current as the window resizes: charts draw in real pixels, so
 * their text stays the page's size at 1024 px and at 1920 px alike (a scaled viewBox would not).
 *
 * @example const [ref, width] = useWidth<HTMLElement>(640); return <figure ref={ref}><svg width={width} … /></figure>;
 */
export function useWidth<T extends Element>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}
