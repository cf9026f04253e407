import { expect } from '@open-wc/testing';
import { ConnectHarness } from '../harness.js';
import { callbackPage, respond, widgetLinkEndpoint } from '../helpers.js';

/** A long unbreakable word, as German compounds in a host's own button label are. */
const longLabel = 'Kontoinformationsdienstverbindungsassistent starten';

/** The element in a container of `width` px (and `dir`), rendered. */
async function inContainer(width: number, attributes: Record<string, string>, dir = 'ltr', label?: string) {
  const container = document.createElement('div');
  container.style.width = `${width}px`;
  container.dir = dir;
  document.body.append(container);
  const connect = await ConnectHarness.create(attributes);
  if (label) connect.el.textContent = label;
  container.append(connect.el);
  await connect.el.updateComplete;
  return { container, connect };
}

/** Every box that is drawn: the element, its shadow parts, and every line of text in them (slotted text too). */
function drawnBoxes(el: HTMLElement): [string, DOMRect][] {
  const parts = [...el.shadowRoot!.querySelectorAll('*')];
  const boxes: [string, DOMRect][] = [el, ...parts].map((part) => [
    `<${part.localName}>`,
    part.getBoundingClientRect(),
  ]);
  const texts = [el, ...parts].flatMap((parent) => [...parent.childNodes]).filter((node) => node.nodeType === 3);
  for (const text of texts.filter((node) => node.textContent!.trim())) {
    const range = document.createRange();
    range.selectNodeContents(text);
    for (const line of range.getClientRects()) boxes.push([`text "${text.textContent!.trim()}"`, line]);
  }
  return boxes.filter(([, box]) => box.width > 0 && box.height > 0);
}

/** What of `el` sticks out of `container` (or of `el` itself) sideways; half a pixel of rounding allowed. */
function sticksOut(container: HTMLElement, el: HTMLElement): string[] {
  const { left, right } = container.getBoundingClientRect();
  return drawnBoxes(el)
    .filter(([, box]) => box.left < left - 0.5 || box.right > right + 0.5)
    .map(([name, box]) => `${name}: ${box.left.toFixed(1)}..${box.right.toFixed(1)} outside ${left}..${right}`);
}

describe('<nrich-connect> in narrow containers (styles.ts)', () => {
  const containers: HTMLElement[] = [];
  afterEach(() => {
    for (const container of containers.splice(0)) container.remove();
  });

  async function check(width: number, attributes: Record<string, string>, dir = 'ltr', label?: string) {
    const placed = await inContainer(width, attributes, dir, label);
    containers.push(placed.container);
    return placed;
  }

  for (const width of [200, 280, 320]) {
    for (const dir of ['ltr', 'rtl']) {
      it(`stays inside a ${width}px ${dir} container, with a prefilled IBAN`, async () => {
        const language = dir === 'rtl' ? 'ar' : 'en';
        const { container, connect } = await check(
          width,
          { language, iban: 'MT84 MALT 0110 0001 2345 MTLC AST0 01S' },
          dir,
        );
        expect(sticksOut(container, connect.el)).to.deep.equal([]);
        expect(connect.field!.getBoundingClientRect().width).to.be.greaterThan(width / 2);
      });
    }

    it(`wraps a long localized and a long slotted button label in ${width}px`, async () => {
      let placed = await check(width, { language: 'fr' });
      expect(sticksOut(placed.container, placed.connect.el)).to.deep.equal([]);
      placed = await check(width, { language: 'de', 'iban-field': 'hidden' }, 'ltr', longLabel);
      expect(sticksOut(placed.container, placed.connect.el)).to.deep.equal([]);
    });
  }

  it('stays inside a 280px flex row beside other content, and a 200px grid column', async () => {
    let placed = await check(280, { language: 'fr', iban: 'FR1420041010050500013M02606' });
    placed.container.style.display = 'flex';
    placed.container.prepend(Object.assign(document.createElement('span'), { textContent: 'Step 2' }));
    expect(sticksOut(placed.container, placed.connect.el)).to.deep.equal([]);
    placed = await check(200, { language: 'de' }, 'ltr', longLabel);
    placed.container.style.display = 'grid';
    expect(sticksOut(placed.container, placed.connect.el)).to.deep.equal([]);
  });

  it('keeps the field at 36ch of text where the host gives it room, and inside the element’s own box', async () => {
    const { container, connect } = await check(800, {});
    // Left to itself (inline-block), the element is as wide as its content, and its parts are inside it.
    expect(sticksOut(connect.el, connect.el)).to.deep.equal([]);
    // Stretched (a flex column, as in the demo's card): 36ch of text, the padding and border on top.
    container.style.display = 'flex';
    container.style.flexDirection = 'column';
    const field = connect.field!;
    const probe = document.createElement('div');
    const { fontFamily, fontSize, fontWeight } = getComputedStyle(field);
    Object.assign(probe.style, { width: '36ch', fontFamily, fontSize, fontWeight });
    container.append(probe);
    // Firefox's clientWidth of an input is not its padding box: the drawn width less padding and border.
    const style = getComputedStyle(field);
    const sides = ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'] as const;
    const text = sides.reduce((width, side) => width - parseFloat(style[side]), field.getBoundingClientRect().width);
    expect(text).to.be.closeTo(probe.getBoundingClientRect().width, 0.5);
  });

  it('stays inside 200px with the invalid-IBAN error, in ltr and rtl, axe-clean', async () => {
    for (const [dir, language] of [
      ['ltr', 'de'],
      ['rtl', 'ar'],
    ] as const) {
      const { container, connect } = await check(200, { language, iban: 'DE89370400440532013001' }, dir);
      const failed = connect.next('error');
      connect.el.open();
      expect((await failed).detail.code).to.equal('invalid-iban');
      await connect.el.updateComplete;
      expect(connect.errorText).to.not.equal('');
      expect(sticksOut(container, connect.el)).to.deep.equal([]);
      await expect(connect.el).to.be.accessible();
    }
  });

  it('stays inside 200px with a failed flow’s message', async () => {
    const { container, connect } = await check(200, { language: 'fr', endpoint: respond(500, '{}') });
    const failed = connect.next('error');
    connect.el.open();
    await failed;
    await connect.el.updateComplete;
    expect(connect.errorText).to.not.equal('');
    expect(sticksOut(container, connect.el)).to.deep.equal([]);
  });

  it('stays inside 200px with the inline frame shown', async () => {
    const { container, connect } = await check(200, { mode: 'inline', endpoint: widgetLinkEndpoint() });
    await connect.open();
    await connect.el.updateComplete;
    expect(sticksOut(container, connect.el)).to.deep.equal([]);
    connect.el.close();
  });

  it('stays inside 200px with the popup waiting panel, axe-clean', async () => {
    const { container, connect } = await check(200, {
      mode: 'popup',
      language: 'es',
      'redirect-uri': callbackPage,
      endpoint: widgetLinkEndpoint(),
    });
    await connect.open();
    await connect.el.updateComplete;
    expect(connect.waiting).to.not.equal(null);
    expect(sticksOut(container, connect.el)).to.deep.equal([]);
    await expect(connect.el).to.be.accessible();
    connect.el.close();
  });
});
