/** The name lets a reopen reuse a window that still exists instead of stacking a second one. */
const windowName = 'nrich-connect';

export interface PopupSize {
  width: number;
  height: number;
}

/**
 * Opens the popup window, centred over this one. Called synchronously inside the user's click (blank, navigated
 * later): popup blockers allow a window only during a user activation, which an `await` loses
 * (https://html.spec.whatwg.org/multipage/interaction.html#tracking-user-activation). Null when blocked.
 */
export function openPopupWindow({ width, height }: PopupSize, url = ''): Window | null {
  const left = Math.round(window.screenX + (window.outerWidth - width) / 2);
  const top = Math.round(window.screenY + (window.outerHeight - height) / 2);
  return window.open(url, windowName, `popup,width=${width},height=${height},left=${left},top=${top}`);
}
