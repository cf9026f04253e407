import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: readJsonErrorResponse()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/readJsonErrorResponse.md","filePath":"server-api/functions/readJsonErrorResponse.md"}');
const _sfc_main = { name: "server-api/functions/readJsonErrorResponse.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-readjsonerrorresponse" tabindex="-1">Function: readJsonErrorResponse() <a class="header-anchor" href="#function-readjsonerrorresponse" aria-label="Permalink to &quot;Function: readJsonErrorResponse()&quot;">​</a></h1><blockquote><p><strong>readJsonErrorResponse</strong>(<code>reason</code>, <code>maxBytes</code>): <code>Response</code></p></blockquote><p>The answer for a refused body, the same on every route: 403, 413, 415 or 400.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="reason" tabindex="-1">reason <a class="header-anchor" href="#reason" aria-label="Permalink to &quot;reason&quot;">​</a></h3><p><code>ReadJsonFailure</code></p><h3 id="maxbytes" tabindex="-1">maxBytes <a class="header-anchor" href="#maxbytes" aria-label="Permalink to &quot;maxBytes&quot;">​</a></h3><p><code>number</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Response</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/readJsonErrorResponse.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const readJsonErrorResponse = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  readJsonErrorResponse as default
};
