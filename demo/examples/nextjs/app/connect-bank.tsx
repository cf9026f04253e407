'use client';
// The wrapper `nrich-connect/react` sets the element's properties and adds its listeners when React hydrates
// the server's HTML. `<nrich-connect onsuccess>` would render, but after hydration React 19 never calls it
// (react#35446): the user connects a bank and the app hears nothing. See docs/frameworks.md.
import { NrichConnect } from 'nrich-connect/react';
import { useState } from 'react';

export function ConnectBank() {
  const [result, setResult] = useState('');
  return (
    <>
      <NrichConnect
        endpoint="/api/widget-link"
        language="en"
        ibanField="optional"
        onSuccess={(event) => {
          const { code, state, flow_id } = event.detail;
          // Send `code` to your backend, which exchanges it at POST /auth/token. Never show or log it.
          setResult(`Connected: flow ${flow_id}, state ${state}, code of ${code.length} characters.`);
        }}
        onAbort={(event) => setResult(`Canceled (${event.detail.reason}).`)}
        onError={(event) => setResult(`Failed: ${event.detail.message}`)}
      >
        Connect your bank
      </NrichConnect>
      <p id="result" role="status">
        {result}
      </p>
    </>
  );
}
