import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: errorResponse()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/errorResponse.md","filePath":"server-api/functions/errorResponse.md"}');
const _sfc_main = { name: "server-api/functions/errorResponse.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-errorresponse" tabindex="-1">Function: errorResponse() <a class="header-anchor" href="#function-errorresponse" aria-label="Permalink to &quot;Function: errorResponse()&quot;">​</a></h1><blockquote><p><strong>errorResponse</strong>(<code>status</code>, <code>error</code>, <code>message</code>, <code>headers?</code>): <code>Response</code></p></blockquote><p>The flat <code>{ error, message }</code> shape every failure of the kit&#39;s handlers uses; the element reads it.</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="status" tabindex="-1">status <a class="header-anchor" href="#status" aria-label="Permalink to &quot;status&quot;">​</a></h3><p><code>number</code></p><h3 id="error" tabindex="-1">error <a class="header-anchor" href="#error" aria-label="Permalink to &quot;error&quot;">​</a></h3><p><code>string</code></p><h3 id="message" tabindex="-1">message <a class="header-anchor" href="#message" aria-label="Permalink to &quot;message&quot;">​</a></h3><p><code>string</code></p><h3 id="headers" tabindex="-1">headers? <a class="header-anchor" href="#headers" aria-label="Permalink to &quot;headers?&quot;">​</a></h3><p><code>HeadersInit</code> | <code>undefined</code> = <code>{}</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Response</code></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/errorResponse.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const errorResponse = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  errorResponse as default
};
