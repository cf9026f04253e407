// React 18 sets every prop of a plain custom element as an attribute and cannot listen to its events; the
// wrapper `nrich-connect/react` (made by @lit/react) sets properties and adds listeners once React has rendered
// or hydrated. It also works in React 19, with or without server rendering: the one way for every React app.
import { NrichConnect } from 'nrich-connect/react'; // registers <nrich-connect> in the browser
import { useState } from 'react';

export function App() {
  const [result, setResult] = useState('');
  return (
    <main>
      <h1>Connect your bank account</h1>
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
    </main>
  );
}
