package io.onestore.testsupport.elasticsearch;

class SharedServerSecondTest extends SharedServerContract {}
