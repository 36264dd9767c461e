// Where the page finds the functions: the one setting to change when this folder is hosted apart from them.
// '' is the same origin as this page. To call functions served elsewhere, name their base URL, without a
// trailing slash, and list this page's origin in the functions' PORTAFUNC_WEB_CORS_ALLOWED_ORIGINS:
//   window.PORTAFUNC_API = 'https://functions.example.org';
window.PORTAFUNC_API = '';
