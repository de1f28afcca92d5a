// Made by scripts/build-tiles.mjs: do not edit. Vector tiles (MVT, base64) of block 6/2/1/5.
const tiles: Record<string, string> = {"6/4/20":"GiZ4AgoEbGFuZCiAIBIZEgAYAyITCYAWdTI5Vm0HPRsPR1pzoAEADw=="};
export default tiles;
