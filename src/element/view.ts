/**
 * What the element shows, one state at a time; `render()` draws each from this alone.
 * - `idle`: the field and the button;
 * - `requesting`: a flow started, the link is on its way (busy button; redirect mode stays here as the page leaves);
 * - `overlay`: the widget in a modal `<dialog>`;
 * - `inline`: the widget's frame in the page flow;
 * - `popup-waiting`: the widget runs in the popup; a panel offers "continue in the window" and "cancel";
 * - `popup-closed`: the popup looks closed; the panel offers "reopen" and "cancel".
 */
export type View =
  | { kind: 'idle' }
  | { kind: 'requesting' }
  | { kind: 'overlay'; location: URL }
  | { kind: 'inline'; location: URL }
  | { kind: 'popup-waiting' }
  | { kind: 'popup-closed' };
