import type { FlowOptions } from '../flow/flow.js';
import { InlinePresenter } from './inline.js';
import { OverlayPresenter } from './overlay.js';
import { PopupPresenter } from './popup.js';
import type { Presenter } from './presenter.js';
import { RedirectPresenter } from './redirect.js';

/** The presenter for the flow's mode. A popup the browser blocked falls back to the overlay. */
export function createPresenter(options: FlowOptions, onDismiss: () => void, onGiveUp: () => void): Presenter {
  const context = { ...options.context, onDismiss, onGiveUp };
  switch (options.mode) {
    case 'popup':
      return options.popupWindow
        ? new PopupPresenter(context, options.popupWindow, options.popup)
        : new OverlayPresenter(context);
    case 'inline':
      return new InlinePresenter(context);
    case 'redirect':
      return new RedirectPresenter();
    default:
      return new OverlayPresenter(context);
  }
}
