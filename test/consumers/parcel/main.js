import 'map-story';
