// `npm run build` generates dist/custom-elements.json from the element's JSDoc (the `customElements` field of
// package.json points at it); scripts/api-docs.mjs turns it into the API tables of docs/api.md and the README.

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
function eventsFromEventMap() {
  const eventTypes = new Map();
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

export default {
  globs: ['src/element/nrich-connect.component.ts', 'src/nrich-connect.ts', 'src/events.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [publishedPaths(), publicMembersOnly(), eventsFromEventMap()],
};
