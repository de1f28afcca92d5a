// Made by scripts/build-tiles.mjs: do not edit. Vector tiles (MVT, base64) of block 5/2/3/5.
const tiles: Record<string, string> = {"5/12/21":"GoABeAIKBGxhbmQogCAScxIAGAMibQn2LIgv+gJGPDopOgYgFEgKSGQdWkwRREwgBQ4dLCNCigEuGiheIHgcEjICNBETaghcVEBlWmsqHRFZWy1riwHlAVkTTSM/TRMvGR9XAm1X9QGPAV8OLScARzQp1QERSxk0DawCAXANCCBkQA8aWHgCCgZsYWJlbHMogCASERIGAAABAQICGAEiBQnOMbIzGgRraW5kGgRuYW1lGgRyYW5rIgkKB2NvdW50cnkiFQoTUy4gR2VvLiBhbmQgdGhlIElzLiICKAQ=","5/12/22":"GiR4AgoEbGFuZCiAIBIXEgAYAyIRCf8B+DQqAD9aFh4yDCYDNA8=","5/13/22":"GiZ4AgoEbGFuZCiAIBIZEgAYAyITCcwq7hsyAlBxRxkhJi1GABIaDw=="};
export default tiles;
