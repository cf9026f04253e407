import { css } from 'lit';

// Narrow containers (a 200px column, a phone): every part's padding and border count in its width, and long words
// (a German label, a host's slotted text) wrap rather than stick out (test/element/narrow.test.ts). The field holds
// 36ch of text where there is room, as it did before border-box: its padding and border come on top.
export const styles = css`
  :host {
    display: inline-block;
    font: var(--nrich-connect-font, inherit);
    color: var(--nrich-connect-color, inherit);
  }
  * {
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    align-items: flex-start;
    overflow-wrap: anywhere;
  }
  label {
    font-weight: 600;
  }
  input {
    font: inherit;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--nrich-connect-border-color, #6b7280);
    border-radius: var(--nrich-connect-radius, 0.5rem);
    width: min(100%, 36ch + 1.5rem + 2px);
  }
  input[aria-invalid='true'] {
    border-color: var(--nrich-connect-error-color, #b91c1c);
  }
  .error:empty {
    display: none;
  }
  .error {
    margin: 0;
    color: var(--nrich-connect-error-color, #b91c1c);
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--nrich-connect-radius, 0.5rem);
  }
  .connect {
    padding: 0.6rem 1.2rem;
    border: none;
    background: var(--nrich-connect-accent, #1d4ed8);
    color: var(--nrich-connect-on-accent, #fff);
    font-weight: 600;
  }
  .connect[aria-busy='true'] {
    cursor: progress;
  }
  .waiting {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .waiting p {
    flex-basis: 100%;
    margin: 0;
  }
  .secondary {
    padding: 0.5rem 1rem;
    border: 1px solid var(--nrich-connect-accent, #1d4ed8);
    background: none;
    color: var(--nrich-connect-accent, #1d4ed8);
  }
  .connect:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }
  :focus-visible {
    outline: 3px solid var(--nrich-connect-focus-color, #f59e0b);
    outline-offset: 2px;
  }
  dialog {
    width: var(--nrich-connect-dialog-width, min(480px, 100vw));
    height: var(--nrich-connect-dialog-height, min(720px, 100vh));
    max-width: 100vw;
    max-height: 100vh;
    padding: 0;
    border: none;
    border-radius: var(--nrich-connect-radius, 0.5rem);
    overflow: hidden;
  }
  dialog::backdrop {
    background: var(--nrich-connect-backdrop, rgb(0 0 0 / 0.5));
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  .close {
    align-self: flex-end;
    margin: 0.25rem;
    padding: 0.25rem 0.75rem;
    border: none;
    background: none;
    font-size: 1.5rem;
    line-height: 1;
  }
  iframe {
    flex: 1;
    width: 100%;
    border: none;
  }
  .inline {
    align-self: stretch;
  }
  .inline iframe {
    height: var(--nrich-connect-frame-height, 640px);
  }
  /* Windows High Contrast: backgrounds and custom colors go, so the button and the dialog get edges of their own,
     an invalid field a wider one (its red is gone), a disabled button the system's gray (test/element/forced-colors). */
  @media (forced-colors: active) {
    .connect,
    .close {
      border: 1px solid ButtonText;
    }
    dialog {
      border: 2px solid CanvasText;
    }
    input[aria-invalid='true'] {
      border-width: 3px;
    }
    .connect:disabled {
      color: GrayText;
      border-color: GrayText;
      opacity: 1;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
