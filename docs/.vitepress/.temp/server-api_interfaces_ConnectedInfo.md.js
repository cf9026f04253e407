import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: ConnectedInfo","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/interfaces/ConnectedInfo.md","filePath":"server-api/interfaces/ConnectedInfo.md"}');
const _sfc_main = { name: "server-api/interfaces/ConnectedInfo.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="interface-connectedinfo" tabindex="-1">Interface: ConnectedInfo <a class="header-anchor" href="#interface-connectedinfo" aria-label="Permalink to &quot;Interface: ConnectedInfo&quot;">​</a></h1><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><h3 id="flow" tabindex="-1">flow <a class="header-anchor" href="#flow" aria-label="Permalink to &quot;flow&quot;">​</a></h3><blockquote><p><strong>flow</strong>: <code>PendingFlow</code></p></blockquote><hr><h3 id="key" tabindex="-1">key <a class="header-anchor" href="#key" aria-label="Permalink to &quot;key&quot;">​</a></h3><blockquote><p><strong>key</strong>: <code>string</code></p></blockquote><p>The session or user key the tokens are stored under.</p><hr><h3 id="tokens" tabindex="-1">tokens <a class="header-anchor" href="#tokens" aria-label="Permalink to &quot;tokens&quot;">​</a></h3><blockquote><p><strong>tokens</strong>: <a href="./TokenSet.html"><code>TokenSet</code></a></p></blockquote></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/interfaces/ConnectedInfo.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const ConnectedInfo = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  ConnectedInfo as default
};
