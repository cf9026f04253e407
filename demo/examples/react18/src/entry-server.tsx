// Server rendering: importing the element on the server is safe (it touches window/document only once connected
// in a browser). The wrapper renders a bare <nrich-connect>; its properties arrive when the browser hydrates.
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './App.js';

export function render(): string {
  return renderToString(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
