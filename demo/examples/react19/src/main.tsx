// React 19 rendered in the browser only (createRoot). React 19 sets the element's properties and, for a prop
// `on` + event name, adds that event listener: `onsuccess` listens to `success`, lower case as the event is named.
// Server rendering + hydrateRoot (Next.js, Remix, Astro) loses these listeners (react#35446): use the wrapper
// `nrich-connect/react` there, see the nextjs and react18 examples.
import 'nrich-connect/define';
import type {} from 'nrich-connect/react-jsx'; // JSX typings for <nrich-connect>, typed event details
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [result, setResult] = useState('');
  return (
    <main>
      <h1>Connect your bank account</h1>
      <nrich-connect
        endpoint="/api/widget-link"
        language="en"
        iban-field="optional"
        onsuccess={(event) => {
          const { code, state, flow_id } = event.detail;
          // Send `code` to your backend, which exchanges it at POST /auth/token. Never show or log it.
          setResult(`Connected: flow ${flow_id}, state ${state}, code of ${code.length} characters.`);
        }}
        onabort={(event) => setResult(`Canceled (${event.detail.reason}).`)}
        onerror={(event) => setResult(`Failed: ${event.detail.message}`)}
      >
        Connect your bank
      </nrich-connect>
      <p id="result" role="status">
        {result}
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
