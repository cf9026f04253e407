import { randomState } from '../protocol/state.js';

export interface PopupSize {
  width: number;
  height: number;
}

/**
 * A window name of its own for each flow: a shared name would let a second element's flow take over the first
 * one's window (both would then fail). Within a flow, a reopen uses the same name, so it reuses the window when
 * it still exists instead of stacking a second one. Random, not the state: the pages shown in the window can
 * read its name.
 */
export function popupWindowName(): string {
  return `nrich-connect-${randomState()}`;
}

/**
 * Opens the popup window, centred over this one. Called synchronously inside the user's click (blank, navigated
 * later): popup blockers allow a window only during a user activation, which an `await` loses
 * (https://html.spec.whatwg.org/multipage/interaction.html#tracking-user-activation). Null when blocked.
 */
export function openPopupWindow(size: PopupSize, name: string, url = ''): Window | null {
  const width = popupLength(size.width, 480);
  const height = popupLength(size.height, 720);
  const left = Math.round(window.screenX + (window.outerWidth - width) / 2);
  const top = Math.round(window.screenY + (window.outerHeight - height) / 2);
  return window.open(url, name, `popup,width=${width},height=${height},left=${left},top=${top}`);
}

/** A size attribute as given (`"abc"`, `-5`, `1e9`): not a number or under 200 means the default; at most 4096. */
function popupLength(value: number, fallback: number): number {
  return value >= 200 ? Math.min(Math.round(value), 4096) : fallback;
}
