import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: createNrichClient()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/createNrichClient.md","filePath":"server-api/functions/createNrichClient.md"}');
const _sfc_main = { name: "server-api/functions/createNrichClient.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-createnrichclient" tabindex="-1">Function: createNrichClient() <a class="header-anchor" href="#function-createnrichclient" aria-label="Permalink to &quot;Function: createNrichClient()&quot;">​</a></h1><blockquote><p><strong>createNrichClient</strong>(<code>options</code>): <a href="./../interfaces/NrichClient.html"><code>NrichClient</code></a></p></blockquote><p><code>nrich-connect/server</code>: the host backend half. Server-only: it handles the client secret, so no browser entry of the package may import it. What every host needs, and no more (at most 45 names, test/package/ server-surface.test.ts): the client, the two routes and their sessions, the token calls, the stores, the error family and the JSON helpers for a host&#39;s own routes. What a store implementer needs is in <code>nrich-connect/server/store</code> (./store.ts).</p><p>The folders: client/ talks to the API, tokens/ keeps connections usable (stores under tokens/stores/), http/ serves the routes; errors.ts and types.ts are shared by all three.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="options" tabindex="-1">options <a class="header-anchor" href="#options" aria-label="Permalink to &quot;options&quot;">​</a></h3><p><a href="./../interfaces/NrichClientOptions.html"><code>NrichClientOptions</code></a></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><a href="./../interfaces/NrichClient.html"><code>NrichClient</code></a></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/createNrichClient.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const createNrichClient = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  createNrichClient as default
};
