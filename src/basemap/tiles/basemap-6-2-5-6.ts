// Made by scripts/build-tiles.mjs: do not edit. Vector tiles (MVT, base64) of block 6/2/5/6.
const tiles: Record<string, string> = {"6/20/25":"Gil4AgoEbGFuZCiAIBIcEgAYAyIWCcIftDsygwE8IwUZE4gBOW6JASQKDw=="};
export default tiles;
