// A server component: rendered on the server, hydrated in the browser. The element lives in a client component.
import { ConnectBank } from './connect-bank';

export default function Page() {
  return (
    <main>
      <h1>Connect your bank account</h1>
      <ConnectBank />
    </main>
  );
}
