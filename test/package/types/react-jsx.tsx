// React 19: <nrich-connect> in JSX with `nrich-connect/react-jsx`; events are `on` + the event name (lower case).
import 'nrich-connect/define';
import type {} from 'nrich-connect/react-jsx';

export const ok = (
  <nrich-connect
    endpoint="/api/widget-link"
    redirect-uri="https://shop.example/callback"
    iban-field="required"
    sync-period={90}
    mode="popup"
    popup-width="500"
    disabled={false}
    createLink={async (request) => ({ id: 'flow-1', location: `https://widget.example/?state=${request.state}` })}
    className="connect"
    onsuccess={(event) => event.detail.code.toUpperCase()}
    onabort={(event) => event.detail.reason}
    onerror={(event) => event.detail.status}
    onopen={(event) => event.detail.flow_id}
  >
    Connect
  </nrich-connect>
);

// @ts-expect-error -- a success detail has no `message`
export const wrongDetail = <nrich-connect onsuccess={(event) => event.detail.message} />;
// @ts-expect-error -- not one of optional | required | hidden
export const wrongValue = <nrich-connect iban-field="sometimes" />;
// @ts-expect-error -- React's synthetic onError never sees the element's `error` event: use `onerror`
export const reactOnError = <nrich-connect onError={() => undefined} />;
// @ts-expect-error -- unknown attribute
export const unknown = <nrich-connect endpont="/typo" />;
