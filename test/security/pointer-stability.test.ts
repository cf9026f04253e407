// Issue 14, item 16: typing an invalid IBAN and clicking Connect at once must reach the button: leaving the field
// shows the error line, and nothing may move under the pointer between mouse-down and mouse-up.
import { expect } from '@open-wc/testing';
import { sendMouse, resetMouse } from '@web/test-runner-commands';
import { ConnectHarness } from '../harness.js';
import { typeText, widgetLinkEndpoint } from '../helpers.js';

describe('security: nothing moves under the pointer', () => {
  afterEach(() => resetMouse());

  it('a real click on Connect right after typing an invalid IBAN ends with invalid-iban', async () => {
    const harness = await ConnectHarness.create({
      endpoint: widgetLinkEndpoint(),
    });
    harness.field!.focus();
    await typeText('DE00123');
    const box = harness.button.getBoundingClientRect();
    const at: [number, number] = [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
    const error = harness.next('error');
    await sendMouse({ type: 'move', position: at });
    await sendMouse({ type: 'down' }); // the field loses focus: its error line appears now
    await new Promise((resolve) => setTimeout(resolve, 200)); // a person's click lasts about this long
    const after = harness.button.getBoundingClientRect();
    await sendMouse({ type: 'up' });
    expect([after.x, after.y]).to.deep.equal([box.x, box.y], 'the button did not move');
    expect(harness.errorText).to.not.equal('');
    expect((await error).detail.code).to.equal('invalid-iban');
  });
});
