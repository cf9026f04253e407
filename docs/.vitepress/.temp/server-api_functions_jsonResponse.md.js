import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: jsonResponse()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/jsonResponse.md","filePath":"server-api/functions/jsonResponse.md"}');
const _sfc_main = { name: "server-api/functions/jsonResponse.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-jsonresponse" tabindex="-1">Function: jsonResponse() <a class="header-anchor" href="#function-jsonresponse" aria-label="Permalink to &quot;Function: jsonResponse()&quot;">​</a></h1><blockquote><p><strong>jsonResponse</strong>(<code>body</code>, <code>status?</code>, <code>headers?</code>): <code>Response</code></p></blockquote><p>JSON answers for the kit&#39;s handlers. <code>Cache-Control: no-store</code> on every one: widget links are single-use and data answers are personal, so no browser or proxy cache may keep them. <code>headers</code> is what <code>new Headers()</code> takes, named from the constructor: <code>HeadersInit</code> is a DOM lib name that Node&#39;s types lack.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="body" tabindex="-1">body <a class="header-anchor" href="#body" aria-label="Permalink to &quot;body&quot;">​</a></h3><p><code>unknown</code></p><h3 id="status" tabindex="-1">status? <a class="header-anchor" href="#status" aria-label="Permalink to &quot;status?&quot;">​</a></h3><p><code>number</code> = <code>200</code></p><h3 id="headers" tabindex="-1">headers? <a class="header-anchor" href="#headers" aria-label="Permalink to &quot;headers?&quot;">​</a></h3><p><code>HeadersInit</code> | <code>undefined</code> = <code>{}</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Response</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/jsonResponse.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const jsonResponse = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  jsonResponse as default
};
