//! Chart geometry, pure and native-testable: scales, ticks and the shapes of the charts the app
//! draws as inline SVG (`ui::charts` turns them into elements).
