// Made by scripts/build-tiles.mjs: do not edit. Vector tiles (MVT, base64) of block 4/1/3/5.
const tiles: Record<string, string> = {"4/6/10":"GmZ4AgoEbGFuZCiAIBJZEgAYAyJTCboWxDeqAiQeHhMsDCQEJDQNLCYHIiQQARwfIEQYDCRsKAoaBws0BC4qIDEuNRQ7NRU3R3FTGzVPKwI1K3tHLwgVFQAhGhVrByUN6AENBBAyHg8aWHgCCgZsYWJlbHMogCASERIGAAABAQICGAEiBQnmGNo5GgRraW5kGgRuYW1lGgRyYW5rIgkKB2NvdW50cnkiFQoTUy4gR2VvLiBhbmQgdGhlIElzLiICKAQ=","4/6/11":"Gjl4AgoEbGFuZCiAIBIsEgAYAyImCaY1+A0iAChDNRIXJAAPCZc32gxCAFtKEigaDCAuDBAYBCxPPQ8="};
export default tiles;
