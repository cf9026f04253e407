import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Function: getValidAccessToken()","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/functions/getValidAccessToken.md","filePath":"server-api/functions/getValidAccessToken.md"}');
const _sfc_main = { name: "server-api/functions/getValidAccessToken.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="function-getvalidaccesstoken" tabindex="-1">Function: getValidAccessToken() <a class="header-anchor" href="#function-getvalidaccesstoken" aria-label="Permalink to &quot;Function: getValidAccessToken()&quot;">​</a></h1><blockquote><p><strong>getValidAccessToken</strong>(<code>options</code>): <code>Promise</code>&lt;<code>string</code> | <code>undefined</code>&gt;</p></blockquote><p>A valid access token for <code>key</code>, refreshed (and the new refresh token stored) when it expires within <code>skewMs</code>; undefined when nothing is stored. Throws <code>ReauthorizationRequiredError</code> when the user has to connect again, and the client&#39;s <code>NrichApiError</code> when the API could not be asked (nothing is changed then).</p><h2 id="parameters" tabindex="-1">Parameters <a class="header-anchor" href="#parameters" aria-label="Permalink to &quot;Parameters&quot;">​</a></h2><h3 id="options" tabindex="-1">options <a class="header-anchor" href="#options" aria-label="Permalink to &quot;options&quot;">​</a></h3><p><code>TokenOptions</code> &amp; <code>object</code></p><h2 id="returns" tabindex="-1">Returns <a class="header-anchor" href="#returns" aria-label="Permalink to &quot;Returns&quot;">​</a></h2><p><code>Promise</code>&lt;<code>string</code> | <code>undefined</code>&gt;</p></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/functions/getValidAccessToken.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const getValidAccessToken = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  getValidAccessToken as default
};
