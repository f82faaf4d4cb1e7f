//! The charts, drawn as inline SVG from `crate::charts` geometry.
