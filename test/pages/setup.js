// Load Taro once before the test utils so the H5 router/taro circular import resolves in order.
require('@tarojs/taro')
