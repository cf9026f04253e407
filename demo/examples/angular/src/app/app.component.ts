// CUSTOM_ELEMENTS_SCHEMA lets the template use <nrich-connect>. With strictTemplates, `$event` of `(success)` is
// typed from the element's own event map: SuccessEvent, `detail` included.
import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import 'nrich-connect/define';
import type { AbortEvent, ConnectErrorEvent, SuccessEvent } from 'nrich-connect';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <h1>Connect your bank account</h1>
      <nrich-connect
        endpoint="/api/widget-link"
        language="en"
        iban-field="optional"
        (success)="onSuccess($event)"
        (abort)="onAbort($event)"
        (error)="onError($event)"
        >Connect your bank</nrich-connect
      >
      <p id="result" role="status">{{ result() }}</p>
    </main>
  `,
})
export class AppComponent {
  readonly result = signal('');

  onSuccess(event: SuccessEvent): void {
    const { code, state, flow_id } = event.detail;
    // Send `code` to your backend, which exchanges it at POST /auth/token. Never show or log it.
    this.result.set(`Connected: flow ${flow_id}, state ${state}, code of ${code.length} characters.`);
  }

  onAbort(event: AbortEvent): void {
    this.result.set(`Canceled (${event.detail.reason}).`);
  }

  onError(event: ConnectErrorEvent): void {
    this.result.set(`Failed: ${event.detail.message}`);
  }
}
