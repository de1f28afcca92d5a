// Made by scripts/build-tiles.mjs: do not edit. Vector tiles (MVT, base64) of block 6/2/6/6.
const tiles: Record<string, string> = {"6/26/24":"GnJ4AgoEbGFuZCiAIBJlEgAYAyJfCdwduBcyP1htHyMfHsEBWi1aUA8JpCS2DCoAYtEBTYcBQ7EBowH4A8gBDwnZB9IBMpcBBI0BjQHSAUk+LCo0IEQPCZoFtAFKeEy1ARA5IpcBMa0BCHFjG2k6P54BAA8=","6/27/24":"GpUBeAIKBGxhbmQogCAShwESABgDIoABCaIj7jo6CSJPD2cMOWE0J3QJOiwPCY0X1RdKHRKxAjNRQyV9NCmEARnCARh+WgB0DwmzCOYBMkMWgwONAYcBQ6UBmQEABewDxAEPCYsC1gIqeEy1ARA5ImchAMsBDwmWHuAJWloM0gMbfhIPigFXNpECJK0DVYsBdRVXACVaHw8="};
export default tiles;
