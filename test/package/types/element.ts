// The element's own typings: `nrich-connect/define` adds the tag to HTMLElementTagNameMap, the class carries its
// event map, so listeners get typed events.
import 'nrich-connect/define';
import {
  SuccessEvent,
  type ConnectErrorCode,
  type ErrorDetail,
  type NrichConnect,
  type NrichConnectEventMap,
} from 'nrich-connect';

const el = document.createElement('nrich-connect');
const isClass: NrichConnect = el;

el.addEventListener('success', (e) => {
  const code: string = e.detail.code;
  const flowId: string = e.detail.flow_id;
  // @ts-expect-error -- a success detail has no `reason`
  void e.detail.reason;
  // @ts-expect-error -- the API's name, snake_case: no `flowId`
  void e.detail.flowId;
  void [code, flowId];
});
el.addEventListener('success', (e) => e.detail.code);
// @ts-expect-error -- `code` is a string, not a number
el.addEventListener('success', (e) => e.detail.code.toFixed());

el.addEventListener('abort', (e) => {
  const reason: 'widget' | 'dismissed' | 'host' | 'popup-closed' = e.detail.reason;
  // @ts-expect-error -- an abort carries no authorization code
  void e.detail.code;
  void reason;
});
el.addEventListener('error', (e) => {
  const detail: ErrorDetail = e.detail;
  const status: number | undefined = e.detail.status;
  void [detail, status];
});
el.addEventListener('open', (e) => e.detail.mode satisfies 'overlay' | 'popup' | 'inline' | 'redirect');
el.addEventListener('open', (e) => e.detail.flow_id.toUpperCase());
el.addEventListener('error', (e) => e.detail.code satisfies ConnectErrorCode);
// @ts-expect-error -- not one of the error codes
el.addEventListener('error', (e) => e.detail.code === 'offline');

// Found by tag, the element is typed too.
document.querySelector('nrich-connect')?.addEventListener('success', (e) => e.detail.state);

const event: NrichConnectEventMap['success'] = new SuccessEvent({ code: 'c', state: 's', flow_id: 'f' });
// @ts-expect-error -- the detail needs all of code, state and flow_id
new SuccessEvent({ code: 'c' });

el.ibanField = 'hidden';
// @ts-expect-error -- not one of optional | required | hidden
el.ibanField = 'sometimes';
void [isClass, event];
