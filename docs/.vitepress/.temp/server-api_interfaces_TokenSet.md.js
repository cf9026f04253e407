import { ssrRenderAttrs } from "vue/server-renderer";
import { useSSRContext } from "vue";
import { _ as _export_sfc } from "./plugin-vue_export-helper.1tPrXgE0.js";
const __pageData = JSON.parse('{"title":"Interface: TokenSet","description":"","frontmatter":{},"headers":[],"relativePath":"server-api/interfaces/TokenSet.md","filePath":"server-api/interfaces/TokenSet.md"}');
const _sfc_main = { name: "server-api/interfaces/TokenSet.md" };
function _sfc_ssrRender(_ctx, _push, _parent, _attrs, $props, $setup, $data, $options) {
  _push(`<div${ssrRenderAttrs(_attrs)}><h1 id="interface-tokenset" tabindex="-1">Interface: TokenSet <a class="header-anchor" href="#interface-tokenset" aria-label="Permalink to &quot;Interface: TokenSet&quot;">​</a></h1><h2 id="properties" tabindex="-1">Properties <a class="header-anchor" href="#properties" aria-label="Permalink to &quot;Properties&quot;">​</a></h2><h3 id="accesstoken" tabindex="-1">accessToken <a class="header-anchor" href="#accesstoken" aria-label="Permalink to &quot;accessToken&quot;">​</a></h3><blockquote><p><strong>accessToken</strong>: <code>string</code></p></blockquote><hr><h3 id="expiresat" tabindex="-1">expiresAt <a class="header-anchor" href="#expiresat" aria-label="Permalink to &quot;expiresAt&quot;">​</a></h3><blockquote><p><strong>expiresAt</strong>: <code>number</code></p></blockquote><p>When the access token expires, in ms since the epoch.</p><hr><h3 id="refreshexpiresat" tabindex="-1">refreshExpiresAt? <a class="header-anchor" href="#refreshexpiresat" aria-label="Permalink to &quot;refreshExpiresAt?&quot;">​</a></h3><blockquote><p><code>optional</code> <strong>refreshExpiresAt?</strong>: <code>number</code></p></blockquote><p>When the refresh token lapses (90 days after it was issued), in ms since the epoch; unknown if absent.</p><hr><h3 id="refreshtoken" tabindex="-1">refreshToken <a class="header-anchor" href="#refreshtoken" aria-label="Permalink to &quot;refreshToken&quot;">​</a></h3><blockquote><p><strong>refreshToken</strong>: <code>string</code></p></blockquote><p>Replaced on every refresh; the API rejects an old one once a newer one has been issued.</p><hr><h3 id="scope" tabindex="-1">scope? <a class="header-anchor" href="#scope" aria-label="Permalink to &quot;scope?&quot;">​</a></h3><blockquote><p><code>optional</code> <strong>scope?</strong>: <code>string</code></p></blockquote><hr><h3 id="tokentype" tabindex="-1">tokenType? <a class="header-anchor" href="#tokentype" aria-label="Permalink to &quot;tokenType?&quot;">​</a></h3><blockquote><p><code>optional</code> <strong>tokenType?</strong>: <code>string</code></p></blockquote></div>`);
}
const _sfc_setup = _sfc_main.setup;
_sfc_main.setup = (props, ctx) => {
  const ssrContext = useSSRContext();
  (ssrContext.modules || (ssrContext.modules = /* @__PURE__ */ new Set())).add("server-api/interfaces/TokenSet.md");
  return _sfc_setup ? _sfc_setup(props, ctx) : void 0;
};
const TokenSet = /* @__PURE__ */ _export_sfc(_sfc_main, [["ssrRender", _sfc_ssrRender]]);
export {
  __pageData,
  TokenSet as default
};
