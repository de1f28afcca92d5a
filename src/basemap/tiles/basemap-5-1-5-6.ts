// Made by scripts/build-tiles.mjs: do not edit. Vector tiles (MVT, base64) of block 5/1/5/6.
const tiles: Record<string, string> = {"5/10/12":"GiR4AgoEbGFuZCiAIBIXEgAYAyIRCeAP2j0qPx4fDUQbNkMUBA8="};
export default tiles;
