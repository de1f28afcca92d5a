// Made by scripts/build-tiles.mjs: do not edit. Vector tiles (MVT, base64) of block 6/3/4/5.
const tiles: Record<string, string> = {"6/38/41":"Gix4AgoEbGFuZCiAIBIfEgAYAyIZCdwutB5CPSilAiMfUVp9LjOYARp+aBYgDw=="};
export default tiles;
