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
  .connect:disabled {
    cursor: not-allowed;
    opacity: 0.5;
  }
  :focus-visible {
    outline: 3px solid var(--nrich-connect-focus-color, #f59e0b);
    outline-offset: 2px;
  }
  /* Windows High Contrast: backgrounds and custom colors go, so the button gets an edge of its own (the dialog's is
     in widget-view.ts), an invalid field a wider one (its red is gone), a disabled button the system's gray
     (test/element/forced-colors). */
  @media (forced-colors: active) {
    .connect {
      border: 1px solid ButtonText;
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
