//! Summarizers (owned by the summarizers helper).
