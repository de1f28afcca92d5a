document.querySelector('map-story').story = {
  version: 1,
  title: 'Set later',
  chapters: [{ id: 'one', title: 'One', body: 'Text.', camera: { center: [30, 35], zoom: 3 } }],
};
