// The browser takes over the server's HTML: hydrateRoot, then the wrapper sets the element's properties and
// listeners in its layout effect.
import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { App } from './App.js';

hydrateRoot(
  document.getElementById('root')!,
  <StrictMode>
    <App />
  </StrictMode>,
);
