// A Mapbox storytelling template config, converted with:
//   npx map-story import-mapbox stories/feature-tour/config.js > stories/feature-tour.json
// It tours map-story's features. Places come from stories/tartus-withdrawal/places.geojson.
var config = {
  style: 'mapbox://styles/mapbox/dark-v11',
  accessToken: 'YOUR_ACCESS_TOKEN',
  showMarkers: true,
  markerColor: '#ff9e7a',
  theme: 'dark',
  title: 'A tour of map-story',
  subtitle: 'This story began as a Mapbox storytelling config.js and was converted with one command. No token, no tile server: the map is built in.',
  byline: 'The map-story demo',
  footer: 'Converted from a Mapbox storytelling config with <code>map-story import-mapbox</code>.',
  chapters: [
    {
      id: 'center-card',
      alignment: 'center',
      title: 'Centred cards',
      image: 'feature-tour/scroll.svg',
      description: '<p>Each chapter is a card. When its middle reaches the trigger line, the map moves to the chapter\'s camera. On a phone, every card sits over a full-width map and the camera keeps its target above the card.</p>',
      location: { center: [19.8833, 54.6358], zoom: 6, pitch: 0, bearing: 0 },
      mapAnimation: 'flyTo',
    },
    {
      id: 'right-column',
      alignment: 'right',
      title: 'A column on the right',
      description: '<p>With the text on the right, the camera pads its view on that side, so the place it shows stays clear of the text. This is the Strait of Gibraltar, passed by ships between the Atlantic and the Mediterranean.</p>',
      location: { center: [-5.6, 35.96], zoom: 7.5, pitch: 30, bearing: -10 },
      mapAnimation: 'easeTo',
    },
    {
      id: 'full-width',
      alignment: 'fully',
      title: 'Full-width cards',
      description: '<p>The Mapbox template\'s "fully" alignment becomes "full". Whatever the layout, readers can use the keyboard (arrows, Page Up and Down, Home, End), the buttons at the top of the map, or a link to any chapter.</p>',
      location: { center: [35.945, 35.41167], zoom: 12, pitch: 45, bearing: 0 },
      mapAnimation: 'flyTo',
      rotateAnimation: true,
      callback: 'spinGlobe',
    },
    {
      id: 'jump',
      alignment: 'left',
      title: 'Jumps, for readers who prefer less motion',
      description: '<p>Readers who ask their system for reduced motion always get jumps instead of flights. Authors can choose jumps too.</p>',
      location: { center: [23.983, 32.078], zoom: 8, pitch: 0, bearing: 0 },
      mapAnimation: 'jumpTo',
    },
  ],
};
