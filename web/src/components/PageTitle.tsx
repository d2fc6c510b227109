// The page's h1; it receives focus after client-side navigation so screen reader and
// keyboard users start at the top of the new page.
import type { ComponentChildren, JSX } from "preact";

export function PageTitle(props: { children: ComponentChildren; class?: string }): JSX.Element {
  return (
    <h1 id="page-title" tabIndex={-1} class={props.class}>
      {props.children}
    </h1>
  );
}
