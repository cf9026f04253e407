import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: readJsonBody()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/readJsonBody.md","filePath":"server-api/functions/readJsonBody.md"}');
const _sfc_main = { name: "server-api/functions/readJsonBody.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-readjsonbody" tabindex="-1">Function: readJsonBody() <a class="header-anchor" href="#function-readjsonbody" aria-label="Permalink to &quot;Function: readJsonBody()&quot;">​</a></h1><blockquote><p><strong>readJsonBody</strong>(<code>request</code>, <code>limit</code>): <code>Promise</code>&lt;<code>ReadJsonResult</code>&gt;</p></blockquote><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="request" tabindex="-1">request <a class="header-anchor" href="#request" aria-label="Permalink to &quot;request&quot;">​</a></h3><p><code>Request</code></p><h3 id="limit" tabindex="-1">limit <a class="header-anchor" href="#limit" aria-label="Permalink to &quot;limit&quot;">​</a></h3><p><code>number</code> | <code>ReadJsonOptions</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Promise</code>&lt;<code>ReadJsonResult</code>&gt;</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/readJsonBody.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const readJsonBody = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  readJsonBody as default
};
