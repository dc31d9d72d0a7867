package io.onestore.testsupport.elasticsearch;

class SharedServerFirstTest extends SharedServerContract {}
