// Made by scripts/build-tiles.mjs: do not edit. Vector tiles (MVT, base64) of block 6/2/4/11.
const tiles: Record<string, string> = {"6/19/44":"Gkx4AgoEbGFuZCiAIBI/EgAYAyI5CZQ/pgJaMwSDAS+7AREZFwAjFCdoH7wCHCoSCiAzVA8JDIUEQrYCAACSAgECJS09I/EBRwMrGj0P"};
export default tiles;
