import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { NrichConnect } from '../../src/index.js';
import {
  connectButton,
  dialogOf,
  element,
  frameOf,
  nextTerminal,
  recordTerminalEvents,
  settle,
  waitFor,
  widgetLinkEndpoint,
} from '../helpers.js';

/** Opens a flow on the real sandbox widget, which then waits for the user (no autopilot). */
async function openOverlay(el?: NrichConnect) {
  el ??= await element(widgetLinkEndpoint());
  const opened = oneEvent(el, 'open');
  el.open();
  await opened;
  return el;
}

function focusedInside(el: NrichConnect): Element | null {
  return el.shadowRoot!.activeElement;
}

describe('overlay presenter', () => {
  it('shows a modal dialog with a titled frame and a labelled close button, axe-clean', async () => {
    const el = await openOverlay();
    const dialog = dialogOf(el)!;
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-label')).to.not.equal('');
    expect(frameOf(el)!.title).to.not.equal('');
    expect(dialog.querySelector('button')!.getAttribute('aria-label')).to.equal('Schließen');
    await expect(el).to.be.accessible();
    el.close();
  });

  it('Escape ends the flow with abort dismissed, removes the dialog and returns focus to the button', async () => {
    const el = await openOverlay();
    const seen = recordTerminalEvents(el);
    const ended = oneEvent(el, 'abort');
    await sendKeys({ press: 'Escape' });
    expect((await ended).detail.reason).to.equal('dismissed');
    await settle();
    expect(seen).to.have.length(1);
    expect(dialogOf(el)).to.equal(null);
    expect(frameOf(el)).to.equal(null);
    expect(focusedInside(el)).to.equal(connectButton(el));
  });

  it('the close button ends the flow with abort dismissed and returns focus', async () => {
    const el = await openOverlay();
    const ended = oneEvent(el, 'abort');
    (dialogOf(el)!.querySelector('button') as HTMLButtonElement).click();
    expect((await ended).detail.reason).to.equal('dismissed');
    expect(focusedInside(el)).to.equal(connectButton(el));
  });

  it('close() ends the flow with abort host', async () => {
    const el = await openOverlay();
    const ended = oneEvent(el, 'abort');
    el.close();
    const { detail } = await ended;
    expect(detail.reason).to.equal('host');
    expect(detail.flowId).to.be.a('string');
    expect(dialogOf(el)).to.equal(null);
  });

  it('is keyboard-complete: Tab to the button, Enter opens, Escape closes, Space opens again', async () => {
    const page = await fixture<HTMLDivElement>(
      html`<div><input aria-label="before" /><nrich-connect endpoint=${widgetLinkEndpoint()}></nrich-connect></div>`,
    );
    const el = page.querySelector('nrich-connect')!;
    await el.updateComplete;
    page.querySelector('input')!.focus();
    await sendKeys({ press: 'Tab' }); // the IBAN field
    expect(focusedInside(el)?.id).to.equal('iban');
    await sendKeys({ press: 'Tab' });
    expect(focusedInside(el)).to.equal(connectButton(el));
    let opened = oneEvent(el, 'open');
    await sendKeys({ press: 'Enter' });
    await opened;
    let ended = oneEvent(el, 'abort');
    await sendKeys({ press: 'Escape' });
    await ended;
    expect(focusedInside(el)).to.equal(connectButton(el));
    opened = oneEvent(el, 'open');
    // ' ', not 'Space': puppeteer over WebDriver BiDi (Firefox) knows no key named "Space"; every driver knows ' '.
    await sendKeys({ press: ' ' });
    await opened;
    ended = oneEvent(el, 'abort');
    await sendKeys({ press: 'Escape' });
    await ended;
  });

  it('removing the element mid-flow closes everything and ends the flow once (abort host)', async () => {
    const el = await openOverlay();
    const seen = recordTerminalEvents(el);
    const frame = frameOf(el)!;
    el.remove();
    await settle();
    expect(seen.map((event) => event.type)).to.deep.equal(['abort']);
    expect(frame.isConnected).to.equal(false);
    expect(dialogOf(el)).to.equal(null);
  });

  it('removing the element while the link is requested shows nothing afterwards', async () => {
    const el = await element(widgetLinkEndpoint());
    const seen = recordTerminalEvents(el);
    let answer: ((link: { location: string; id: string }) => void) | undefined;
    el.createLink = () => new Promise((resolve) => (answer = resolve));
    el.open();
    await waitFor(() => answer);
    el.remove();
    answer!({ location: 'https://widget.example/', id: 'late' });
    await settle();
    expect(dialogOf(el)).to.equal(null);
    expect(seen.map((event) => event.type)).to.deep.equal(['abort']);
  });

  it('removing the element right after the click (flow code still loading) ends the flow once', async () => {
    const el = await element(widgetLinkEndpoint());
    const seen = recordTerminalEvents(el);
    let requested = false;
    el.createLink = async () => {
      requested = true;
      return { location: 'https://widget.example/', id: 'x' };
    };
    el.open();
    el.remove();
    await settle();
    expect(requested).to.equal(false);
    expect(seen.map((event) => event.type)).to.deep.equal(['abort']);
  });

  it('does nothing while disabled', async () => {
    const el = await element(widgetLinkEndpoint());
    el.disabled = true;
    await el.updateComplete;
    expect(connectButton(el).disabled).to.equal(true);
    el.open();
    await settle(50);
    expect(dialogOf(el)).to.equal(null);
  });

  it('ends with one terminal event even when the widget answers after a dismissal', async () => {
    const el = await element(widgetLinkEndpoint({ autopilot: 'authorize' }));
    const seen = recordTerminalEvents(el);
    const ended = nextTerminal(el);
    el.open();
    await oneEvent(el, 'open');
    el.close();
    await ended;
    await settle(500);
    expect(seen.map((event) => event.type)).to.deep.equal(['abort']);
  });
});
