// React 18 and older set every prop on a custom element as an attribute and cannot listen to its events: the
// `@lit/react` wrapper does both (`npm install nrich-connect @lit/react`). It also works in React 19.
import { NrichConnect } from 'nrich-connect/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [result, setResult] = useState('');
  return (
    <>
      <h1>Connect your bank account</h1>
      <NrichConnect
        endpoint="/api/widget-link"
        language="en"
        ibanField="optional"
        onSuccess={(event) => setResult(`Received code: ${event.detail.code}`)} // send it to your backend
        onAbort={(event) => setResult(`Cancelled (${event.detail.reason}).`)}
        onError={(event) => setResult(`Failed: ${event.detail.message}`)}
      />
      <p id="result" role="status">
        {result}
      </p>
    </>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
