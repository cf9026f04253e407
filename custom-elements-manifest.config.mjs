// `npm run build` generates dist/custom-elements.json from the element's JSDoc (the `customElements` field of
// package.json points at it); scripts/api-docs.mjs turns it into the API tables of docs/api.md and the README.
// From the same manifest, maintained integrations write the typings of other frameworks and editors into dist/:
// svelte.d.ts (Svelte, SvelteKit), solid.d.ts (Solid and other JSX), vscode.html-custom-data.json (VS Code HTML).
import { customElementJsxPlugin } from 'custom-element-jsx-integration';
import { customElementSveltePlugin } from 'custom-element-svelte-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';

/** The manifest describes the published files: `src/x.ts` -> `dist/x.js`. */
function publishedPaths() {
  const toDist = (path) => path?.replace(/^\/?src\/(.*)\.[jt]s$/, 'dist/$1.js');
  return {
    name: 'nrich-published-paths',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        mod.path = toDist(mod.path);
        for (const item of [...(mod.declarations ?? []), ...(mod.exports ?? [])]) {
          if (item.declaration?.module) item.declaration.module = toDist(item.declaration.module);
          if (item.superclass?.module) item.superclass.module = toDist(item.superclass.module);
        }
      }
    },
  };
}

/** Private members (`#x`, `private x`, Lit's `static styles`) are no API: leave them out of the manifest. */
function publicMembersOnly() {
  return {
    name: 'nrich-public-members',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.members) continue;
          decl.members = decl.members.filter(
            (m) =>
              m.privacy !== 'private' &&
              m.privacy !== 'protected' &&
              !m.name.startsWith('#') &&
              !(m.static && m.name === 'styles'),
          );
        }
      }
    },
  };
}

/**
 * Events come from the `@fires` tags only (the analyzer also guesses events from `dispatchEvent(new X())` calls,
 * without names); each gets its class from `NrichConnectEventMap` in src/events.ts, so the typed `detail` is known.
 */
function eventsFromEventMap(eventTypes) {
  return {
    name: 'nrich-events',
    analyzePhase({ ts, node }) {
      if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'NrichConnectEventMap') return;
      for (const member of node.members) eventTypes.set(member.name.getText(), member.type.getText());
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.events) continue;
          decl.events = decl.events
            .filter((event) => event.name && event.description)
            .map((event) => ({ ...event, type: { text: eventTypes.get(event.name) ?? 'Event' } }));
        }
      }
    },
  };
}

/**
 * Runs an integration on a copy of the manifest in which each event's type is its `detail` type: the integrations
 * write a handler as `(e: CustomEvent<type>) => void`, so `type` must be `SuccessDetail`, not `SuccessEvent`
 * (`class SuccessEvent extends CustomEvent<SuccessDetail>` in src/events.ts). The manifest itself keeps the classes.
 */
function withDetailTypes(plugin, detailTypes) {
  return {
    name: `${plugin.name}-detail-types`,
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const base = node.heritageClauses?.[0]?.types[0];
      if (base?.expression.getText() === 'CustomEvent' && base.typeArguments?.length === 1) {
        detailTypes.set(node.name.text, base.typeArguments[0].getText());
      }
    },
    packageLinkPhase(context) {
      const copy = structuredClone(context.customElementsManifest);
      for (const decl of copy.modules.flatMap((mod) => mod.declarations ?? [])) {
        for (const event of decl.events ?? []) event.type = { text: detailTypes.get(event.type?.text) ?? 'never' };
      }
      plugin.packageLinkPhase({ ...context, customElementsManifest: copy });
    },
  };
}

/**
 * Svelte 5 listens with `onsuccess={…}`; the Svelte integration types only the `on:success` directive of Svelte 4,
 * so its `globalEvents` (members added to every element's props: there is one element) adds the `on<name>` props,
 * read when the integration writes (a getter: the event map is filled by then).
 */
function svelte5EventProps(options, eventTypes) {
  return Object.defineProperty(options, 'globalEvents', {
    enumerable: true,
    get() {
      return [...eventTypes]
        .map(([name, type]) => `\n  "on${name}"?: (e: import("./index.js").${type}) => void;`)
        .join('');
    },
  });
}

/**
 * Runs the VS Code integration on a copy of the manifest in which an attribute typed by an alias of string literals
 * (`Mode`, `IbanField`) has the literals instead: the editor offers `overlay`, `popup`, … rather than `Mode`.
 */
function withAliasesExpanded(plugin) {
  const aliases = new Map();
  return {
    name: `${plugin.name}-aliases-expanded`,
    analyzePhase({ ts, node }) {
      if (ts.isTypeAliasDeclaration(node) && ts.isUnionTypeNode(node.type)) {
        const literals = node.type.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal));
        if (literals) aliases.set(node.name.text, node.type.getText());
      }
    },
    packageLinkPhase(context) {
      const copy = structuredClone(context.customElementsManifest);
      for (const decl of copy.modules.flatMap((mod) => mod.declarations ?? [])) {
        for (const attribute of decl.attributes ?? []) {
          const text = attribute.type?.text;
          if (aliases.has(text)) attribute.type = { text: aliases.get(text) };
        }
      }
      plugin.packageLinkPhase({ ...context, customElementsManifest: copy });
    },
  };
}

const eventTypes = new Map();
const detailTypes = new Map();
const integration = { outdir: 'dist', globalTypePath: './index.js', hideLogs: true };

export default {
  globs: ['src/element/nrich-connect.component.ts', 'src/nrich-connect.ts', 'src/events.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [
    publishedPaths(),
    publicMembersOnly(),
    eventsFromEventMap(eventTypes),
    withDetailTypes(
      customElementSveltePlugin(svelte5EventProps({ ...integration, fileName: 'svelte.d.ts' }, eventTypes)),
      detailTypes,
    ),
    withDetailTypes(customElementJsxPlugin({ ...integration, fileName: 'solid.d.ts' }), detailTypes),
    withAliasesExpanded(
      customElementVsCodePlugin({
        outdir: 'dist',
        htmlFileName: 'vscode.html-custom-data.json',
        cssFileName: null,
        hideLogs: true,
      }),
    ),
  ],
};
