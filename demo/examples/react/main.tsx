// React 19 renders custom elements natively: props the element has are set as properties, `on<event>` props
// become event listeners (`onsuccess` listens to `success`: the event name exactly, so lower case).
import 'nrich-connect/define';
import type {} from 'nrich-connect/react-jsx';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  const [result, setResult] = useState('');
  return (
    <>
      <h1>Connect your bank account</h1>
      <nrich-connect
        endpoint="/api/widget-link"
        language="en"
        iban-field="optional"
        onsuccess={(event) => setResult(`Received code: ${event.detail.code}`)} // send it to your backend
        onabort={(event) => setResult(`Cancelled (${event.detail.reason}).`)}
        onerror={(event) => setResult(`Failed: ${event.detail.message}`)}
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
