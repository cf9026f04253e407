import { expect } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { ConnectHarness } from '../harness.js';
import { widgetLinkEndpoint } from '../helpers.js';

/** The edge a user sees around `part`: its border, or nothing. */
function edge(el: Element): { width: number; style: string } {
  const style = getComputedStyle(el);
  return { width: parseFloat(style.borderTopWidth), style: style.borderTopStyle };
}

/** A visible edge of at least `min` px on every side's top (the box's outline against the page). */
function expectEdge(el: Element | null | undefined, name: string, min = 1) {
  expect(el, name).to.be.instanceOf(Element);
  const { width, style } = edge(el!);
  expect(style, `${name} border-style`).to.not.equal('none');
  expect(width, `${name} border-width`).to.be.at.least(min);
}

/** WCAG 2.5.8: a target at least 24 by 24 CSS pixels. */
function expectTargetSize(el: Element, name: string) {
  const { width, height } = el.getBoundingClientRect();
  expect(Math.min(width, height), `${name} target size`).to.be.at.least(24);
}

// Windows High Contrast replaces every color with the user's few system colors: backgrounds go, so a control that
// is told apart by its background alone (the accent button, the dialog on its backdrop) needs an edge of its own.
describe('forced colors (Windows High Contrast)', () => {
  let emulated = false;
  before(async () => {
    emulated = (await executeServerCommand('forced-colors', { active: true })) === true;
  });
  after(async () => {
    await executeServerCommand('forced-colors', { active: false });
  });

  it('has rules for it (in every engine); Chromium draws it under emulation', async () => {
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint() });
    const rules = connect.el.shadowRoot!.adoptedStyleSheets.flatMap((sheet) => [...sheet.cssRules]);
    const media = rules.filter((rule): rule is CSSMediaRule => rule instanceof CSSMediaRule);
    expect(media.map((rule) => rule.conditionText)).to.include('(forced-colors: active)');
    expect(matchMedia('(forced-colors: active)').matches).to.equal(emulated);
  });

  it('idle, focused, invalid, disabled, overlay: every control has an edge and a visible focus; axe-clean', async () => {
    if (!emulated) {
      // Firefox and WebKit cannot emulate it here: the rules are checked above, the drawing in Chromium.
      expect(matchMedia('(forced-colors: active)').matches).to.equal(false);
      return;
    }
    const connect = await ConnectHarness.create({ endpoint: widgetLinkEndpoint() });
    expectEdge(connect.button, 'button');
    expectEdge(connect.field, 'field');
    expectTargetSize(connect.button, 'button');
    await expect(connect.el).to.be.accessible();
    await executeServerCommand('screenshot', { name: 'idle' });

    connect.field!.focus();
    await sendKeys({ press: 'Tab' }); // the keyboard: :focus-visible
    expect(connect.focused).to.equal(connect.button);
    const ring = getComputedStyle(connect.button);
    expect(ring.outlineStyle).to.equal('solid');
    expect(parseFloat(ring.outlineWidth)).to.be.at.least(2);
    await executeServerCommand('screenshot', { name: 'focused' });

    connect.el.iban = 'DE00 1234';
    const invalid = connect.next('error');
    connect.button.click();
    await invalid;
    await connect.el.updateComplete;
    expectEdge(connect.field, 'invalid field', 2); // told apart by width: its red is gone
    expect(edge(connect.field!).width).to.be.greaterThan(edge(connect.button).width);
    expect(connect.part('error')!.textContent).to.not.equal('');
    await expect(connect.el).to.be.accessible();
    await executeServerCommand('screenshot', { name: 'invalid' });

    connect.el.disabled = true;
    await connect.el.updateComplete;
    expectEdge(connect.button, 'disabled button');
    expect(getComputedStyle(connect.button).color).to.equal(getComputedStyle(connect.button).borderTopColor);
    await executeServerCommand('screenshot', { name: 'disabled' });

    connect.el.disabled = false;
    connect.el.iban = '';
    await connect.el.updateComplete;
    await connect.open();
    expectEdge(connect.dialog, 'dialog');
    expectEdge(connect.part('close-button'), 'close button');
    expectTargetSize(connect.part('close-button')!, 'close button');
    await expect(connect.el).to.be.accessible();
    await executeServerCommand('screenshot', { name: 'overlay' });
    connect.el.close();
  });
});
