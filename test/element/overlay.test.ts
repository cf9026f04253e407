import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { ConnectHarness } from '../harness.js';
import { nextTask, trackWindowListeners, waitFor, widgetLinkEndpoint } from '../helpers.js';

/** A flow on the real sandbox widget, which then waits for the user (no autopilot). */
async function openOverlay(): Promise<ConnectHarness> {
  const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint() });
  await connect.open();
  return connect;
}

describe('overlay (the <dialog> of the element’s template)', () => {
  afterEach(() => sinon.restore());

  it('shows a modal dialog with a titled frame and a labelled close button, axe-clean', async () => {
    const connect = await openOverlay();
    const dialog = connect.dialog!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-label')).to.not.equal('');
    expect(connect.frame!.title).to.not.equal('');
    expect(connect.frame!.closest('dialog')).to.equal(dialog);
    expect(connect.part('close-button')!.getAttribute('aria-label')).to.equal('Schließen');
    await expect(connect.el).to.be.accessible();
    connect.el.close();
  });

  it('Escape ends the flow with abort dismissed, removes the dialog and returns focus to the button', async () => {
    const connect = await openOverlay();
    const ended = connect.next('abort');
    await sendKeys({ press: 'Escape' });
    expect((await ended).detail.reason).to.equal('dismissed');
    await connect.el.updateComplete;
    await nextTask();
    expect(connect.ended).to.have.length(1);
    expect(connect.dialog).to.equal(null);
    expect(connect.frame).to.equal(null);
    expect(connect.focused).to.equal(connect.button);
  });

  it('the close button ends the flow with abort dismissed and returns focus', async () => {
    const connect = await openOverlay();
    const ended = connect.next('abort');
    connect.part<HTMLButtonElement>('close-button')!.click();
    expect((await ended).detail.reason).to.equal('dismissed');
    await connect.el.updateComplete;
    expect(connect.focused).to.equal(connect.button);
  });

  it('close() ends the flow with abort host, with its flow_id', async () => {
    const connect = await openOverlay();
    const ended = connect.next('abort');
    connect.el.close();
    const { detail } = await ended;
    expect(detail.reason).to.equal('host');
    expect(detail.flow_id).to.be.a('string');
    await connect.el.updateComplete;
    expect(connect.dialog).to.equal(null);
  });

  it('is keyboard-complete: Tab to the button, Enter opens, Escape closes, Space opens again', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div><input aria-label="before" /><nrich-connect endpoint=${widgetLinkEndpoint()}></nrich-connect></div>`,
    );
    const connect = new ConnectHarness(page.querySelector('nrich-connect')!);
    await connect.el.updateComplete;
    page.querySelector('input')!.focus();
    await sendKeys({ press: 'Tab' }); // the IBAN field
    expect(connect.focused?.id).to.equal('iban');
    await sendKeys({ press: 'Tab' });
    expect(connect.focused).to.equal(connect.button);
    let opened = connect.next('open');
    await sendKeys({ press: 'Enter' });
    await opened;
    let ended = connect.next('abort');
    await sendKeys({ press: 'Escape' });
    await ended;
    await connect.el.updateComplete;
    expect(connect.focused).to.equal(connect.button);
    opened = connect.next('open');
    // ' ', not 'Space': puppeteer over WebDriver BiDi (Firefox) knows no key named "Space"; every driver knows ' '.
    await sendKeys({ press: ' ' });
    await opened;
    ended = connect.next('abort');
    await sendKeys({ press: 'Escape' });
    await ended;
  });

  it('removing the element mid-flow closes everything and ends the flow once (abort host)', async () => {
    const connect = await openOverlay();
    const frame = connect.frame!;
    const ended = connect.next('abort');
    connect.el.remove();
    await ended;
    await nextTask();
    expect(connect.ended.map((event) => event.type)).to.deep.equal(['abort']);
    expect(connect.ended[0]!.detail).to.include({ reason: 'host' });
    await connect.el.updateComplete;
    expect(frame.isConnected).to.equal(false);
    expect(connect.dialog).to.equal(null);
  });

  it('removing the element while the link is requested shows nothing afterwards', async () => {
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint() });
    let answer: ((link: { location: string; id: string }) => void) | undefined;
    connect.el.createLink = () => new Promise((resolve) => (answer = resolve));
    connect.el.open();
    await waitFor(() => answer);
    const ended = connect.next('abort');
    connect.el.remove();
    await ended;
    answer!({ location: 'https://widget.example/', id: 'late' });
    await nextTask(); // what the late answer sets off has run
    expect(connect.dialog).to.equal(null);
    expect(connect.ended.map((event) => event.type)).to.deep.equal(['abort']);
    expect(connect.ended[0]!.detail).to.not.have.property('flow_id');
  });

  it('removing the element right after the click (flow code still loading) ends the flow once, showing nothing', async () => {
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint() });
    let requested = false;
    connect.el.createLink = async () => {
      requested = true;
      return { location: 'https://widget.example/', id: 'x' };
    };
    const ended = connect.next('abort');
    connect.el.open();
    connect.el.remove();
    await ended;
    await nextTask();
    expect(requested).to.equal(true); // the link request leaves with the click
    expect(connect.dialog).to.equal(null);
    expect(connect.ended.map((event) => event.type)).to.deep.equal(['abort']);
  });

  it('does nothing while disabled', async () => {
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint() });
    connect.el.disabled = true;
    await connect.el.updateComplete;
    expect(connect.button.disabled).to.equal(true);
    connect.el.open();
    await connect.el.updateComplete;
    expect(connect.dialog).to.equal(null);
    expect(connect.ended).to.deep.equal([]);
    // Enabled again, the same call starts a flow: its `open` is the first event of the element.
    connect.el.disabled = false;
    const opened = connect.next('open');
    connect.el.open();
    await opened;
    expect(connect.ended).to.deep.equal([]);
    connect.el.close();
  });

  it('ends with one terminal event even when the widget answers after a dismissal', async () => {
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint({ autopilot: 'authorize' }) });
    const listeners = trackWindowListeners();
    const ended = connect.nextTerminal();
    try {
      await connect.open();
      connect.el.close();
      await ended;
      await nextTask();
      // The flow let go of every listener it had: no later message can reach it.
      expect(listeners.installed()).to.deep.equal([]);
    } finally {
      listeners.stop();
    }
    expect(connect.ended.map((event) => event.type)).to.deep.equal(['abort']);
  });

  it('calls an exception while showing the widget `internal`, not a network error, and closes it again', async () => {
    sinon.stub(HTMLDialogElement.prototype, 'showModal').throws(new DOMException('refused', 'InvalidStateError'));
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint() });
    const failed = connect.next('error');
    connect.el.open();
    const { detail } = await failed;
    expect(detail.code).to.equal('internal');
    expect(detail.message).to.contain('InvalidStateError: refused');
    expect(detail.flow_id).to.be.a('string');
    await connect.el.updateComplete;
    await nextTask();
    expect(connect.ended).to.have.length(1);
    expect(connect.dialog).to.equal(null);
  });
});
