import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: createWidgetLinkHandler()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/createWidgetLinkHandler.md","filePath":"server-api/functions/createWidgetLinkHandler.md"}');
const _sfc_main = { name: "server-api/functions/createWidgetLinkHandler.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-createwidgetlinkhandler" tabindex="-1">Function: createWidgetLinkHandler() <a class="header-anchor" href="#function-createwidgetlinkhandler" aria-label="Permalink to &quot;Function: createWidgetLinkHandler()&quot;">​</a></h1><blockquote><p><strong>createWidgetLinkHandler</strong>(<code>options</code>): <a href="./../type-aliases/RequestHandler.html"><code>RequestHandler</code></a></p></blockquote><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="options" tabindex="-1">options <a class="header-anchor" href="#options" aria-label="Permalink to &quot;options&quot;">​</a></h3><p><code>WidgetLinkHandlerOptions</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><a href="./../type-aliases/RequestHandler.html"><code>RequestHandler</code></a></p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/createWidgetLinkHandler.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const createWidgetLinkHandler = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  createWidgetLinkHandler as default
};
