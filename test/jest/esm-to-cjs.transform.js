// Nest 12 and a few of its dependencies ship as ESM only. Node 20 can require()
// them, but Jest's CommonJS runtime cannot (until Node 24.9), so in tests only we
// compile those node_modules files to CommonJS. Production code runs untransformed.
const babelJest = require('babel-jest').default;

// `import.meta.url` has no CommonJS meaning; give it the file URL of the module.
function importMetaToCjs({ types: t }) {
  return {
    visitor: {
      // `const require = createRequire(import.meta.url)` shadows CommonJS' own require,
      // which the module transform then uses for imports before it exists: drop it.
      Program: {
        enter(program) {
          program.traverse({
            VariableDeclarator(path) {
              const init = path.node.init;
              if (path.node.id.name === 'require' && init && init.type === 'CallExpression' && init.callee.name === 'createRequire') {
                path.remove();
              }
            },
          });
        },
      },
      MetaProperty(path) {
        const parent = path.parentPath;
        if (parent.isMemberExpression() && parent.node.property.name === 'url') {
          parent.replaceWithSourceString("require('url').pathToFileURL(__filename).href");
        } else {
          path.replaceWith(t.objectExpression([]));
        }
      },
    },
  };
}

module.exports = babelJest.createTransformer({
  babelrc: false,
  configFile: false,
  plugins: [importMetaToCjs, '@babel/plugin-transform-dynamic-import', '@babel/plugin-transform-modules-commonjs'],
});
